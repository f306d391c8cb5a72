"""Helpers shared by the test suite and the developer scripts: a static web server and a
headless Chromium from the system, never a downloaded one."""
