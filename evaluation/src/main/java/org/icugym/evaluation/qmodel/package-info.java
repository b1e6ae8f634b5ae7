/**
 * Q-models of an evaluation policy fitted from logged data: fitted Q evaluation (FQE) on discrete
 * states, used on its own as an estimator and as the control variate of the doubly robust ones.
 */
package org.icugym.evaluation.qmodel;
