import { describeAttacks } from './read-only-suite';

// The attacks of read-only-suite.ts with statements sent as the extended mode sends them.
describeAttacks('extended');
