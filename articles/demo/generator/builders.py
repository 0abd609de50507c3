"""Unsaved rows through the model factories, at the speed of the models' own constructors.

The generator builds its rows through the factories the tests use, so a
model's defaults and required relations are declared once, in the factory.
`Factory.build()` resolves every declaration on every call, though, which costs
several times what constructing the row does: too slow for a million rows.

A `Builder` looks at the factory's declarations once for each set of field
names it is given. What the factory declares as a plain value, and the caller
leaves out, becomes a default for every row; what the caller gives wins, and a
relation given by its column (`section_id`) replaces the factory's declaration
of it (`section`). A declaration that the factory computes for each row (a
sequence, Faker, a sub-factory) and the caller leaves out is an error, naming
it: such values would make the rows random and slow, so the generator has to
give them itself.
"""

from factory.enums import get_builder_phase


class Builder:
    """Callable like `factory_class.build(**values)`, for factories without computed leftovers."""

    def __init__(self, factory_class):
        meta = factory_class._meta
        if meta.rename or meta.inline_args:
            raise TypeError(f"{factory_class.__name__}: renamed or inline arguments need build()")
        self.factory_class = factory_class
        self.model = meta.get_model_class()
        hidden = {*meta.parameters, *meta.exclude}
        self.declared = {
            name: value for name, value in meta.declarations.items() if name not in hidden
        }
        # A foreign key given by its column stands for the relation's declaration.
        self.relation_of = {
            field.attname: field.name
            for field in self.model._meta.concrete_fields
            if field.attname != field.name
        }
        self.defaults = {}  # frozenset of given names -> the factory's values for the rest

    def __call__(self, **values):
        given = frozenset(values)
        defaults = self.defaults.get(given)
        if defaults is None:
            defaults = self.defaults[given] = self._defaults_for(given)
        return self.model(**defaults, **values)

    def _defaults_for(self, given):
        covered = given | {self.relation_of[name] for name in given if name in self.relation_of}
        left = {name: value for name, value in self.declared.items() if name not in covered}
        computed = sorted(name for name, value in left.items() if get_builder_phase(value))
        if computed:
            raise TypeError(
                f"{self.factory_class.__name__} computes {', '.join(computed)} for each "
                "instance; give explicit values (or the relation's id) instead."
            )
        return left
