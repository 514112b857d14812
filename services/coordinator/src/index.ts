/** What other packages and the tests may import from the coordinator (the server runs from main.ts). */
export * from './cert-role';
export {
  ConfigError,
  type CoordinatorConfig,
  loadCoordinatorConfig,
  printableConfig,
  validateCoordinatorConfig,
} from './config';
