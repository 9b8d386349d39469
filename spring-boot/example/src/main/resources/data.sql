INSERT INTO shop_products (id, name, price_cents) VALUES (1, 'Leash, 2 m', 1999), (2, 'Collar', 1499), (3, 'Water bowl', 899);
