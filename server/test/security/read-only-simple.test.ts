import { describeAttacks } from './read-only-suite';

// The attacks of read-only-suite.ts with statements sent as the simple mode sends them.
describeAttacks('simple');
