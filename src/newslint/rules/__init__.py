"""Built-in rules, one module per family. The registry imports the modules it lists."""
