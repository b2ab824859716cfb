"""From indicator rows to canonical keys, derived measures, targets against results and the audit."""
