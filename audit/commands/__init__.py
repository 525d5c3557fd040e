"""One module per subcommand; ``audit.cli`` loads each only when it is run or listed."""
