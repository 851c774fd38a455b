// The fake Exlogare RCA service (seed 003), for tests and the demo.
export { EXLOGARE_SIM_TOKEN, startExlogareSim, validateIngest, type ExlogareCanned, type ExlogareRequest, type ExlogareSimHandle, type ExlogareSimOptions } from './server.js';
export { buildRca } from './rca.js';
