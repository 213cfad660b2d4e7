// Placeholder: replaced by the Electron main process.
export {};
