// The cross-face edge cases (tests-conformance/cross-face/edge_cases.json), in the WASM build.
import { SuperConfig } from './helpers.mjs'
import { crossFaceTests } from '../../tests-conformance/js/cross-face.mjs'

crossFaceTests(SuperConfig)
