"""The copilot: the one place that turns the desk's rows into engine inputs and stores engine results."""
