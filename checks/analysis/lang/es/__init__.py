"""Spanish: sentence facts, counts and the formulas Spanish health-literacy work uses."""
