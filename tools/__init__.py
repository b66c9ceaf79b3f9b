"""Tools that look at the built site the way readers do: a real browser, Lighthouse, PDFs."""
