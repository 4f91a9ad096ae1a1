// The secrets property (tests-conformance/js/secrets-property.mjs) on the WebAssembly build in
// Node (tests/helpers.mjs loads pkg-node/).
import { SuperConfig, setLogger } from './helpers.mjs'
import { secretsPropertyTests } from '../../tests-conformance/js/secrets-property.mjs'

secretsPropertyTests({ SuperConfig, setLogger })
