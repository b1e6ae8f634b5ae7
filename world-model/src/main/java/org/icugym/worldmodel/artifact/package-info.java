/**
 * The world-model artifact: one zip file with the weights of every ensemble member, the feature
 * schema, normalisation, action bins, architecture and training metrics, and its typed errors.
 */
package org.icugym.worldmodel.artifact;
