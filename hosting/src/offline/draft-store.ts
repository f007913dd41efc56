// Cases drafted without network, kept on the device until they are sent: IndexedDB, every field
// an officer typed and every photo encrypted (AES-256-GCM, WebCrypto) with a key that belongs to
// the signed-in session. What is kept in the clear: ids, the order, how many photos and which are
// sent, the case id once created, a refusal's reason code — never a name, a place, a photo.
//
// The key: generated on this device for one signed-in officer (uid), non-extractable (no script,
// ours included, can read its bytes; the browser only encrypts and decrypts with it), stored
// beside the drafts so that a reload or a closed tab loses nothing, and deleted — with every
// draft — when the session ends: sign-out, suspension, a session ended elsewhere, another officer
// signing in. docs/field-search.md, "A case drafted without network", says what this protects against and what it does not.
import type { CallableInput, CallableOutput } from "@tora-face/client";

export type DraftCase = CallableInput<"createCase">;
export type Profile = CallableOutput<"getMyProfile">;

const DB_NAME = "tora-face-offline";
const STORES = { session: "session", drafts: "drafts", photos: "photos" } as const;

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}
interface SessionRecord {
  uid: string;
  key: CryptoKey;
  /** the officer's profile, for the new-case form when the portal opens without network */
  profile?: Sealed;
}
interface PhotoMeta {
  n: number;
  /** the photo's id on the case: the same upload sent twice is the same photo */
  photoId: string;
  size: number;
  sent: boolean;
  /** the backend refused the photo (not a readable image): its reason, the rest goes on */
  refused?: string;
}
interface DraftRecord {
  id: string;
  uid: string;
  /** when it was drafted (ms): drafts are sent in this order */
  at: number;
  sealed: Sealed;
  photos: PhotoMeta[];
  caseId?: string;
  /** the backend refused the case: its reason code; the draft stays until the officer deletes it */
  refused?: string;
}
interface PhotoRecord {
  draftId: string;
  n: number;
  photoId: string;
  sealed: Sealed;
}

export interface DraftSummary {
  id: string;
  at: number;
  title: string;
  kind: DraftCase["kind"];
  photos: PhotoMeta[];
  caseId?: string;
  refused?: string;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

/** the drafts' database was wiped (or never made): only a session opening its drafts makes it again */
class NoDrafts extends Error {
  override readonly name = "NoDrafts";
}

function openDatabase(create: boolean): Promise<IDBDatabase> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    // a page still holding a wiped store must not bring the database back
    if (!create) return open.transaction?.abort();
    const db = open.result;
    db.createObjectStore(STORES.session, { keyPath: "uid" });
    db.createObjectStore(STORES.drafts, { keyPath: "id" });
    db.createObjectStore(STORES.photos, { keyPath: ["draftId", "n"] });
  };
  return request(open).catch((error: unknown) => {
    throw create ? error : new NoDrafts("no drafts on this device");
  });
}

async function withStores<T>(
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction) => Promise<T> | T,
  create = false,
): Promise<T> {
  const db = await openDatabase(create);
  try {
    const tx = db.transaction(Object.values(STORES), mode);
    const result = await body(tx);
    await done(tx);
    return result;
  } finally {
    db.close();
  }
}

const encoder = new TextEncoder();

/** the record's owner and place are bound into the ciphertext: a sealed value moved to another record does not open */
async function seal(key: CryptoKey, context: string, plain: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return {
    iv,
    data: await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(context) }, key, plain),
  };
}

async function open(key: CryptoKey, context: string, sealed: Sealed): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt(
    { name: "AES-GCM", iv: sealed.iv, additionalData: encoder.encode(context) },
    key,
    sealed.data,
  );
}

const sealJson = (key: CryptoKey, context: string, value: unknown) =>
  seal(key, context, encoder.encode(JSON.stringify(value)));
const openJson = async <T>(key: CryptoKey, context: string, sealed: Sealed): Promise<T> =>
  JSON.parse(new TextDecoder().decode(await open(key, context, sealed))) as T;

/** a photo's bytes and what the officer said about it, sealed as one: 4 bytes of header length, the header, the bytes */
async function packPhoto(
  blob: Blob,
  facts: { fileName: string; photoDate?: string; type: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const header = encoder.encode(JSON.stringify(facts));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const packed = new Uint8Array(4 + header.length + bytes.length);
  new DataView(packed.buffer).setUint32(0, header.length);
  packed.set(header, 4);
  packed.set(bytes, 4 + header.length);
  return packed;
}

function unpackPhoto(packed: ArrayBuffer): { blob: Blob; fileName: string; photoDate?: string } {
  const length = new DataView(packed).getUint32(0);
  const facts = JSON.parse(new TextDecoder().decode(new Uint8Array(packed, 4, length))) as {
    fileName: string;
    photoDate?: string;
    type: string;
  };
  return {
    blob: new Blob([new Uint8Array(packed, 4 + length)], { type: facts.type }),
    fileName: facts.fileName,
    ...(facts.photoDate ? { photoDate: facts.photoDate } : {}),
  };
}

export interface DraftStore {
  readonly uid: string;
  saveProfile(profile: Profile): Promise<void>;
  profile(): Promise<Profile | undefined>;
  create(input: DraftCase, title: string): Promise<string>;
  list(): Promise<DraftSummary[]>;
  readCase(id: string): Promise<DraftCase>;
  addPhoto(id: string, blob: Blob, facts: { fileName: string; photoDate?: string }): Promise<void>;
  readPhoto(id: string, n: number): Promise<{ blob: Blob; fileName: string; photoDate?: string; photoId: string }>;
  markCreated(id: string, caseId: string): Promise<void>;
  markPhotoSent(id: string, n: number, refused?: string): Promise<void>;
  markRefused(id: string, reason: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/** the signed-in officer's drafts; their key is made on first use and kept until the session ends */
export async function openDrafts(uid: string): Promise<DraftStore> {
  const existing = await withStores(
    "readonly",
    (tx) => request(tx.objectStore(STORES.session).get(uid)) as Promise<SessionRecord | undefined>,
    true,
  );
  return draftStore(uid, existing?.key ?? (await createKey(uid)));
}

async function createKey(uid: string): Promise<CryptoKey> {
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  return withStores(
    "readwrite",
    async (tx) => {
      const sessions = tx.objectStore(STORES.session);
      // two tabs may have made one at once: the first one stored wins
      const existing = (await request(sessions.get(uid))) as SessionRecord | undefined;
      if (existing) return existing.key;
      sessions.put({ uid, key } satisfies SessionRecord);
      return key;
    },
    true,
  );
}

function draftStore(uid: string, key: CryptoKey): DraftStore {
  const get = (tx: IDBTransaction, id: string) =>
    request(tx.objectStore(STORES.drafts).get(id)) as Promise<DraftRecord | undefined>;
  async function update(id: string, change: (draft: DraftRecord) => void): Promise<void> {
    await withStores("readwrite", async (tx) => {
      const draft = await get(tx, id);
      if (!draft || draft.uid !== uid) return;
      change(draft);
      tx.objectStore(STORES.drafts).put(draft);
    });
  }
  return {
    uid,
    async saveProfile(profile) {
      const sealed = await sealJson(key, `${uid}|profile`, profile);
      await withStores("readwrite", async (tx) => {
        const record = (await request(tx.objectStore(STORES.session).get(uid))) as SessionRecord | undefined;
        if (record) tx.objectStore(STORES.session).put({ ...record, profile: sealed });
      });
    },
    async profile() {
      const record = await withStores(
        "readonly",
        (tx) => request(tx.objectStore(STORES.session).get(uid)) as Promise<SessionRecord | undefined>,
      );
      return record?.profile ? openJson<Profile>(key, `${uid}|profile`, record.profile) : undefined;
    },
    async create(input, title) {
      const id = crypto.randomUUID();
      const sealed = await sealJson(key, `${uid}|draft|${id}`, { input, title });
      await withStores(
        "readwrite",
        (tx) =>
          void tx.objectStore(STORES.drafts).put({ id, uid, at: Date.now(), sealed, photos: [] } satisfies DraftRecord),
      );
      return id;
    },
    async list() {
      const drafts = await withStores(
        "readonly",
        (tx) => request(tx.objectStore(STORES.drafts).getAll()) as Promise<DraftRecord[]>,
      ).catch((error: unknown) => {
        if (error instanceof NoDrafts) return [];
        throw error;
      });
      const mine = drafts.filter((d) => d.uid === uid).sort((a, b) => a.at - b.at);
      return Promise.all(
        mine.map(async (d) => {
          const { input, title } = await openJson<{ input: DraftCase; title: string }>(
            key,
            `${uid}|draft|${d.id}`,
            d.sealed,
          );
          return {
            id: d.id,
            at: d.at,
            title,
            kind: input.kind,
            photos: d.photos,
            ...(d.caseId ? { caseId: d.caseId } : {}),
            ...(d.refused ? { refused: d.refused } : {}),
          };
        }),
      );
    },
    async readCase(id) {
      const draft = await withStores("readonly", (tx) => get(tx, id));
      if (!draft || draft.uid !== uid) throw new Error("no such draft");
      return (await openJson<{ input: DraftCase }>(key, `${uid}|draft|${id}`, draft.sealed)).input;
    },
    async addPhoto(id, blob, facts) {
      const photoId = crypto.randomUUID();
      // sealed before the transaction: a transaction ends when it waits for anything but itself
      const sealed = await seal(
        key,
        `${uid}|photo|${id}|${photoId}`,
        await packPhoto(blob, { ...facts, type: blob.type || "image/jpeg" }),
      );
      await withStores("readwrite", async (tx) => {
        const draft = await get(tx, id);
        if (!draft || draft.uid !== uid) throw new Error("no such draft");
        const n = draft.photos.length;
        draft.photos.push({ n, photoId, size: blob.size, sent: false });
        tx.objectStore(STORES.drafts).put(draft);
        tx.objectStore(STORES.photos).put({ draftId: id, n, photoId, sealed } satisfies PhotoRecord);
      });
    },
    async readPhoto(id, n) {
      const record = await withStores(
        "readonly",
        (tx) => request(tx.objectStore(STORES.photos).get([id, n])) as Promise<PhotoRecord | undefined>,
      );
      if (!record) throw new Error("photo not stored");
      return {
        ...unpackPhoto(await open(key, `${uid}|photo|${id}|${record.photoId}`, record.sealed)),
        photoId: record.photoId,
      };
    },
    markCreated: (id, caseId) => update(id, (d) => void (d.caseId = caseId)),
    markPhotoSent: async (id, n, refused) => {
      await update(id, (d) => {
        const photo = d.photos[n];
        if (photo) Object.assign(photo, { sent: true }, refused ? { refused } : {});
      });
      await withStores("readwrite", (tx) => void tx.objectStore(STORES.photos).delete([id, n]));
    },
    markRefused: (id, reason) => update(id, (d) => void (d.refused = reason)),
    async remove(id) {
      await withStores("readwrite", async (tx) => {
        const draft = await get(tx, id);
        if (!draft || draft.uid !== uid) return;
        tx.objectStore(STORES.drafts).delete(id);
        for (const p of draft.photos) tx.objectStore(STORES.photos).delete([id, p.n]);
      });
    },
  };
}

/** drafts on this device (any officer's) and whose session holds a key, without opening anything */
export async function draftsOnDevice(): Promise<{ drafts: number; owners: string[] }> {
  if (!(await hasDatabase())) return { drafts: 0, owners: [] };
  return withStores("readonly", async (tx) => {
    const drafts = await request(tx.objectStore(STORES.drafts).count());
    const owners = (await request(tx.objectStore(STORES.session).getAllKeys())) as string[];
    return { drafts, owners };
  });
}

async function hasDatabase(): Promise<boolean> {
  if (typeof indexedDB.databases !== "function") return true;
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

/** everything: every key, draft and photo on this device; answers how many drafts were deleted */
export async function wipeDrafts(): Promise<number> {
  const { drafts } = await draftsOnDevice().catch(() => ({ drafts: 0 }));
  await new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    // another tab holds the database open: it closes on its next use (every use opens and closes it)
    r.onblocked = () => undefined;
  });
  return drafts;
}
