import { describeAttacks } from './read-only-suite';

// The attacks of read-only-suite.ts with statements sent as the prepared mode sends them.
describeAttacks('prepared');
