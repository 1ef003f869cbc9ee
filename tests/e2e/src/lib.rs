//! See tests/: WebDriver tests of the built app binary.
