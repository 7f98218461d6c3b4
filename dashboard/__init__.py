"""District leadership dashboard over a one-stop (Bộ phận Một cửa) database."""
