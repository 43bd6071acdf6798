"""The engagement report: the seven steps read together - one scorecard, the findings that
matter most across steps, the value at stake, one roadmap and what to measure next."""
