/**
 * A parameter value: a number, or a choice's name. One type for the search (which owns the values it proposes),
 * the hardware registry (which maps them onto a configuration) and the run folder (which writes them), so search and
 * io need no import of hardware to name it.
 */
export type ParamValue = number | string;
