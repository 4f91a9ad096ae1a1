// The secrets property (tests-conformance/js/secrets-property.mjs) on the native addon.
import { SuperConfig, setLogger } from '../index.js'
import { secretsPropertyTests } from '../../tests-conformance/js/secrets-property.mjs'

secretsPropertyTests({ SuperConfig, setLogger })
