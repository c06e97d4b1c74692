-- Orders keep their list's client id (OCO legs), so order lists can be queried from the store by id or client id.
ALTER TABLE orders ADD COLUMN list_client_order_id TEXT;
CREATE INDEX orders_lists_by_user ON orders (user_id, order_list_id) WHERE order_list_id >= 0;
