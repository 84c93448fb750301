"""Great Expectations (GX Core 1.x) suites for the financial identities of the reports."""
