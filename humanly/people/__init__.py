"""People: teams, the agents in them, and the customers they serve."""
