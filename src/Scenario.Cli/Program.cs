// Placeholder entry point so the skeleton builds on branch validation; the CLI branch's Program.cs replaces it.
return 0;
