"""Running the course for a room: nbgitpuller links and consented quiz-result sharing on JupyterHub."""
