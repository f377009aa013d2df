insert into category (name) values ('Books'), ('Music');
insert into tag (name) values ('java'), ('spring');
insert into post (title, category_id) values ('Caches that stay fresh', 1);
insert into post_tags (post_id, tags_id) values (1, 1), (1, 2);
insert into comment (post_id, text) values (1, 'Nice');
