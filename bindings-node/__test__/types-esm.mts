// The ES module view of the package's types (`import` from an .mts file), for `tsc --noEmit`.
import superconfig, { SuperConfig, stats, type ConfigValue } from 'superconfig'

const value: ConfigValue = new SuperConfig().withDefaults({ a: 1 }).get('a')
const same: typeof SuperConfig = superconfig.SuperConfig
const handles: number = stats().handles
void [value, same, handles]
