"""One module per flow; `dialogs.conversation` composes them."""
