import { describeEventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// No KurrentDB is started for the tests: point KURRENTDB_URL at one to run the contract suite.
const url = process.env.KURRENTDB_URL;
const suite = () =>
  describeEventStoreContract('kurrentdb', {
    open: async () => new KurrentDbEventStore({ connectionString: url! }),
    refusesEventIdsUsedInOtherStreams: false,
  });

if (url) {
  suite();
} else {
  describe.skip('KurrentDB event store (KURRENTDB_URL not set)', suite);
}
