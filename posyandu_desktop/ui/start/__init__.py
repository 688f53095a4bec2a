"""Starting the app: the first window, opening the data folder, setup and login."""
