/** Dueling double DQN trained offline on logged transitions (Raghu et al. 2017): network, training, inference. */
package org.icugym.agent.dqn;
