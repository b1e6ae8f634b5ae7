/** Seeded, splittable random streams used by every environment. */
package org.icugym.core.random;
