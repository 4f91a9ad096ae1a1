// The secrets property (tests-conformance/js/secrets-property.mjs), in every JS build.
import { SuperConfig, setLogger } from './superconfig.mjs'
import { secretsPropertyTests } from '../../../tests-conformance/js/secrets-property.mjs'

secretsPropertyTests({ SuperConfig, setLogger })
