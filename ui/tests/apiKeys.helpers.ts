// Opens the API keys section of a mounted App against the fake backend.
import { openSection, type OpenArgs } from './sections.helpers';

export { everythingSent, withProfiles } from './sections.helpers';

export const openApiKeys = (...args: OpenArgs) => openSection('api-keys', ...args);
