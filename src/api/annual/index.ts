import { createRouter } from '../openapi.js'; export function annualRoutes() { return createRouter(); }
