/**
 * The one name of a multi-network run's network choice: the override that picks a configuration's network
 * (src/model/select.ts), the search space's variable over its networks (src/search/space/parse.ts), and the column
 * of evaluations.csv and pareto.csv naming each row's network (the report's per-network fronts, `cosearch pareto --by
 * network`, a study's columns). It lives here, below model, search, io and studies, so each of them reads it.
 */
export const NETWORK_COLUMN = 'network';
