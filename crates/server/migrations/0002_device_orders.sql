-- Phones bought with new users, on their way to a shipping address.
CREATE TABLE device_orders (
  id         TEXT PRIMARY KEY,
  sku        TEXT NOT NULL REFERENCES catalog (sku),
  user_id    INTEGER NOT NULL REFERENCES users (id),
  address_id TEXT NOT NULL REFERENCES addresses (id)
);
