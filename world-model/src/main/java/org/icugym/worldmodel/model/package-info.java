/**
 * The world-model network: architecture settings, input encoding of a history window, output
 * layout and the DJL block of one ensemble member.
 */
package org.icugym.worldmodel.model;
