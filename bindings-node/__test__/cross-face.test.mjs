// The cross-face edge cases (tests-conformance/cross-face/edge_cases.json), in Node.
import { SuperConfig } from '../index.js'
import { crossFaceTests } from '../../tests-conformance/js/cross-face.mjs'

crossFaceTests(SuperConfig)
