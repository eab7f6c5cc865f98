/** Deliberately empty: the cold-start benchmark times `node --import tsx` on it to show what tsx alone costs. */
export {};
