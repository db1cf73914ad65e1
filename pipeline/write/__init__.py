"""Writing: cleaned Markdown, report tables, summary and readable reports."""
