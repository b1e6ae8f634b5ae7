/** The embedded default world model: built reproducibly from the default synthetic cohort and cached on disk. */
package org.icugym.worldmodel.cache;
