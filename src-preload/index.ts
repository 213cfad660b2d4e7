// Placeholder: replaced by the preload that exposes the contract as window.convene.
export {};
