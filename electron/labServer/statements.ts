/**
 * Prepared once per connection: a pull applies and notes thousands of operations with the same few statements, and
 * preparing one costs more than running it. The core's cache (one per connection, shared with search); the lab
 * server's statements never set a mode (raw, pluck), so a statement shared with another caller reads the same.
 */
export { cachedStatement as stmt } from '../core/statements';
