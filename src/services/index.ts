import type { AnyService } from '../catalogue/define.js';
import replaceLostId from './civil-affairs/replace-lost-id.js';
import trafficKafala from './traffic/kafala.js';
import travelPermits from './passports/travel-permits.js';
import updatePassport from './passports/update-passport.js';
import workerTransfer from './passports/worker-transfer.js';

/**
 * Every e-service, one definition file each. Adding a service is adding its file and a line
 * here; the engine validates them all at start-up.
 */
export const serviceDefinitions: readonly AnyService[] = [replaceLostId, trafficKafala, travelPermits, updatePassport, workerTransfer];
