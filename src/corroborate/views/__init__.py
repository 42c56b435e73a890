"""What a person sees: terminal summary, static HTML report, JSON/CSV export."""
