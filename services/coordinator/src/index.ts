/** What other packages and the tests may use of the coordinator: its config loader. */
export {
  ConfigError,
  type CoordinatorConfig,
  loadCoordinatorConfig,
  printableConfig,
  validateCoordinatorConfig,
} from './config';
