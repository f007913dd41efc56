// Where data may be kept: in REGION itself, or in a multi-region or dual-region known to keep its
// data only in regions of the same jurisdiction as REGION (the EU for europe-west1). A location
// not known here is refused: name it here once its places are checked.

/** multi- and dual-regions of Cloud Storage and Firestore, with the regions they keep data in */
const CONTAINED: Record<string, readonly string[]> = {
  // Cloud Storage multi-region EU: data centres in member states of the European Union
  eu: [
    "europe-central2",
    "europe-north1",
    "europe-southwest1",
    "europe-west1",
    "europe-west3",
    "europe-west4",
    "europe-west8",
    "europe-west9",
    "europe-west10",
    "europe-west12",
  ],
  // Cloud Storage dual-regions
  eur4: ["europe-north1", "europe-west4"],
  // Firestore multi-region
  eur3: ["europe-west1", "europe-west4"],
};

/** true when data kept at `location` stays where REGION's data does */
export function keepsDataIn(location: string, region: string): boolean {
  const where = location.toLowerCase();
  const home = region.toLowerCase();
  return where === home || (CONTAINED[where]?.includes(home) ?? false);
}
