/**
 * The CommonJS entry of `scenario-sdk/testing`, as `require` loads it (its types are
 * `index.ts`'s): the emulator's CommonJS build, or one line naming a missing optional peer and
 * the command that installs the peers, instead of MODULE_NOT_FOUND and a require stack.
 */
import peers = require('./missing-peer.js');

try {
  module.exports = require('./index.cjs');
} catch (error) {
  throw peers.explainMissingPeer(error, 'scenario-sdk/testing', peers.TESTING_PEERS);
}
