// The cross-face edge cases (tests-conformance/cross-face/edge_cases.json), in every JS build.
import { SuperConfig } from './superconfig.mjs'
import { crossFaceTests } from '../../../tests-conformance/js/cross-face.mjs'

crossFaceTests(SuperConfig)
